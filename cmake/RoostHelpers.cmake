# Helpers that keep every library's CMakeLists.txt a short, explicit list of sources.
#
#   roost_library(pep440 SRCS version.cc specifier.cc DEPS roost_base)
#   roost_tests(pep440 SRCS version_test.cc DEPS roost_pep440)
#
# Libraries are named roost_<dir>; one ctest entry per test executable, named <dir>_test.
include_guard(GLOBAL)

function(roost_library name)
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(roost_${name} STATIC ${ARG_SRCS})
  target_include_directories(roost_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(roost_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS} roost_warnings)
  target_compile_features(roost_${name} PUBLIC cxx_std_20)
endfunction()

function(roost_tests name)
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS" ${ARGN})
  if(NOT ROOST_BUILD_TESTS)
    return()
  endif()
  add_executable(${name}_test ${ARG_SRCS})
  target_link_libraries(${name}_test PRIVATE ${ARG_DEPS} roost_warnings GTest::gtest GTest::gtest_main
                        nlohmann_json::nlohmann_json)
  target_compile_definitions(${name}_test PRIVATE
    ROOST_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    ROOST_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data")
  # One ctest entry per executable keeps `ctest` output short; gtest names each case inside.
  add_test(NAME ${name}_test COMMAND ${name}_test --gtest_brief=1)
endfunction()

function(roost_fuzzer name)
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS" ${ARGN})
  if(NOT ROOST_FUZZ)
    return()
  endif()
  add_executable(fuzz_${name} ${ARG_SRCS})
  target_link_libraries(fuzz_${name} PRIVATE ${ARG_DEPS})
  target_compile_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
  target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
endfunction()

function(roost_benchmark name)
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS" ${ARGN})
  if(NOT ROOST_BUILD_BENCH)
    return()
  endif()
  add_executable(bench_${name} ${ARG_SRCS})
  target_link_libraries(bench_${name} PRIVATE ${ARG_DEPS} benchmark::benchmark)
endfunction()
