#!/bin/sh
# The protobuf compiler for cc_proto_library: Debian's, matching its runtime.
exec /usr/bin/protoc "$@"
