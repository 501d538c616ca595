# print tests (app_add_test): the worksheet's answers against a Session run of the built-in model,
# page counts of the written PDFs, the printed quiz against the bank, failures and the command line
app_add_test(print SOURCES tst_print.cpp)
target_compile_definitions(tst_print PRIVATE TINY_EXPERTS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
