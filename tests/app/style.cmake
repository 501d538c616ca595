# app tests of the shared style helpers: number formats and colour maths
app_add_test(number_format SOURCES tst_number_format.cpp)
app_add_test(colour_maths SOURCES tst_colour_maths.cpp)
