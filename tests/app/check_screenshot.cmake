# Runs the real app the way the README's screenshot command does and checks the PNG it wrote.
# -DEXE=<tiny-experts> -DOUT=<file.png> -DMODE=<explore|compare|scale>
file(REMOVE "${OUT}")
execute_process(COMMAND "${EXE}" --mode ${MODE} --prompt "23 + 45 =" --screenshot "${OUT}" --quit-after 60
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "tiny-experts exited with ${status}\n${out}\n${err}")
endif()
if(NOT EXISTS "${OUT}")
    message(FATAL_ERROR "no screenshot was written\n${err}")
endif()
file(SIZE "${OUT}" size)
if(size LESS 20000)
    message(FATAL_ERROR "the screenshot is suspiciously small (${size} bytes)")
endif()
message(STATUS "screenshot ${OUT}: ${size} bytes")
