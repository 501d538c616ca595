# app tests of the shell area: the main window driven end to end, options, the answer check
app_add_test(answer_check SOURCES tst_answer_check.cpp)
app_add_test(main_window SOURCES tst_main_window.cpp)
app_add_test(classroom_mode SOURCES tst_classroom_mode.cpp)
app_add_test(keyboard_navigation SOURCES tst_keyboard_navigation.cpp)
app_add_test(mode_table SOURCES tst_mode_table.cpp)

# The real executable with the embedded model, as the README runs it (offscreen, own settings dir).
foreach(mode explore compare)
    add_test(NAME app.screenshot_${mode}
             COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:tiny-experts> -DMODE=${mode}
                     -DOUT=${CMAKE_CURRENT_BINARY_DIR}/screenshot_${mode}.png -P ${CMAKE_CURRENT_SOURCE_DIR}/check_screenshot.cmake)
    set_tests_properties(app.screenshot_${mode} PROPERTIES TIMEOUT 180
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;XDG_CONFIG_HOME=${CMAKE_CURRENT_BINARY_DIR}/config")
endforeach()
# --quit-after before the run settles must fail the script, not pass with a half-done picture.
add_test(NAME app.screenshot_unsettled
         COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:tiny-experts> -DMODE=explore -DUNSETTLED=ON
                 -DOUT=${CMAKE_CURRENT_BINARY_DIR}/screenshot_unsettled.png -P ${CMAKE_CURRENT_SOURCE_DIR}/check_screenshot.cmake)
set_tests_properties(app.screenshot_unsettled PROPERTIES TIMEOUT 180
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;XDG_CONFIG_HOME=${CMAKE_CURRENT_BINARY_DIR}/config")
app_add_test(app_options SOURCES tst_app_options.cpp)
app_add_test(language SOURCES tst_language.cpp)
app_add_test(lesson_driver SOURCES tst_lesson_driver.cpp tst_lesson_fixture.h)
# The window on a model of another shape than the built-in one, which it also carries.
qt_add_big_resources(other_shape_embedded_model ${PROJECT_SOURCE_DIR}/resources/models/models.qrc)
app_add_test(other_shape_window SOURCES tst_other_shape_window.cpp ${other_shape_embedded_model})
