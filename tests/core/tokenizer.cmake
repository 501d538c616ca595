# tests for tokenizer
moe_add_test(tokenizer SOURCES test_tokenizer.cpp LIBS moe_tokenizer)

# The pre-tokenizers against PCRE2 (libpcre2-dev), which only this test links.
find_package(PkgConfig)
if(PkgConfig_FOUND)
    pkg_check_modules(PCRE2 IMPORTED_TARGET libpcre2-8)
endif()
if(PCRE2_FOUND)
    moe_add_test(pre_tokenizers SOURCES test_pre_tokenizers.cpp LIBS moe_tokenizer PkgConfig::PCRE2)
else()
    message(WARNING "libpcre2-8 not found: core.pre_tokenizers (random strings against PCRE2) is not built")
endif()
moe_add_test(tokenizer_kinds SOURCES test_tokenizer_kinds.cpp LIBS moe_tokenizer)
