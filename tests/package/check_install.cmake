# Installs the build folder BUILD_DIR into PREFIX (emptied first), checks that every file is in its
# GNUInstallDirs place, and runs the installed programs from another working directory: the CLI on
# the installed model, the app (GUI=ON) for its version. Run by CTest as package.install.
file(REMOVE_RECURSE ${PREFIX})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX}
                RESULT_VARIABLE status OUTPUT_QUIET ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "cmake --install failed (${status}): ${errors}")
endif()

set(expected
    bin/tiny-experts-cli
    share/tiny-experts/tiny-experts.gguf
    share/tiny-experts/default-model.conf
    share/tiny-experts/playground/balanced.conf
    share/tiny-experts/playground/no-balancing.conf
    share/man/man1/tiny-experts-cli.1.gz
    share/doc/tiny-experts/copyright
    share/doc/tiny-experts/changelog.gz)
if(GUI)
    list(APPEND expected
        bin/tiny-experts
        share/man/man1/tiny-experts.1.gz
        share/applications/tiny-experts.desktop
        share/metainfo/org.tinyexperts.TinyExperts.metainfo.xml
        share/icons/hicolor/scalable/apps/tiny-experts.svg)
    foreach(size 16 22 24 32 48 64 128 256 512)
        list(APPEND expected share/icons/hicolor/${size}x${size}/apps/tiny-experts.png)
    endforeach()
endif()
foreach(file IN LISTS expected)
    if(NOT EXISTS ${PREFIX}/${file})
        message(FATAL_ERROR "not installed: ${PREFIX}/${file}")
    endif()
endforeach()

set(scratch ${PREFIX}/elsewhere)
file(MAKE_DIRECTORY ${scratch})
execute_process(COMMAND ${PREFIX}/bin/tiny-experts-cli info ${PREFIX}/share/tiny-experts/tiny-experts.gguf
                WORKING_DIRECTORY ${scratch} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT status EQUAL 0 OR NOT out MATCHES "experts +[0-9]+ per layer, top-[0-9]+")
    message(FATAL_ERROR "installed tiny-experts-cli info on the installed model (${status}):\n${out}")
endif()
if(GUI)
    execute_process(COMMAND ${PREFIX}/bin/tiny-experts --version
                    WORKING_DIRECTORY ${scratch} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(NOT status EQUAL 0 OR NOT out MATCHES "Tiny Experts ${VERSION}")
        message(FATAL_ERROR "installed tiny-experts --version (${status}):\n${out}")
    endif()
endif()
message(STATUS "installed into ${PREFIX}; tiny-experts-cli read the installed model")
