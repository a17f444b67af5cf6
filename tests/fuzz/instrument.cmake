# Included from the top-level CMakeLists before any library when TRUSTSCREEN_BUILD_FUZZERS is ON:
# every target is built with libFuzzer's coverage hooks, AddressSanitizer and UBSan, so that
# crashes inside our libraries (not only in the fuzz entry points) are found. Third-party
# libraries (Poppler, libxml2, libzip) are the system's, not instrumented.
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang" OR NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR
    "TRUSTSCREEN_BUILD_FUZZERS needs clang (libFuzzer): configure with "
    "-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++, or run scripts/fuzz")
endif()
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                    -fno-omit-frame-pointer)
add_link_options(-fsanitize=address,undefined)
