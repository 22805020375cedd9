"""claims_test(name): the Bazel twin of claims_test() in claims/CMakeLists.txt."""

def claims_test(name, deps = [], data = []):
    """A GoogleTest test built from `name`.cc against //claims.

    Runs from the workspace root, like the CMake tests, with the rule packs and
    testdata/ available under their repository paths.

    Args:
      name: the test, and its source file without ".cc".
      deps: extra libraries beyond //claims and GoogleTest.
      data: extra files the test reads.
    """
    native.cc_test(
        name = name,
        size = "small",
        srcs = [name + ".cc"],
        data = ["//claims:rule_packs", "//testdata"] + data,
        deps = ["//claims", "//claims:test_rules", "//third_party:gtest_main"] + deps,
    )
