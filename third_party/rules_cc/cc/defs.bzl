"""Stand-in for @rules_cc: the native C++ rules under their rules_cc names.

Bazel 4.2.3's auto-configured C++ toolchain loads @rules_cc//cc:defs.bzl, and
the real rules_cc would be downloaded. Nothing here changes a rule.
"""

cc_binary = native.cc_binary
cc_import = native.cc_import
cc_library = native.cc_library
cc_proto_library = native.cc_proto_library
cc_test = native.cc_test
cc_toolchain = native.cc_toolchain
cc_toolchain_suite = native.cc_toolchain_suite
fdo_prefetch_hints = native.fdo_prefetch_hints
fdo_profile = native.fdo_profile
objc_import = native.objc_import
objc_library = native.objc_library
