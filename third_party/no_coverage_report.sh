#!/bin/sh
# Stands in for @remote_coverage_tools (see third_party/BUILD.bazel).
echo "coverage reports are not supported by this build" >&2
exit 1
