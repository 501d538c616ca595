# Fails if an object of kernel variant VARIANT defines an external (global or weak) symbol outside
# the namespace moe::kernels::VARIANT. Run by the tests core.kernel_symbols_*.
# Usage: cmake -DNM=nm -DVARIANT=avx2 -DOBJECTS=a.o|b.o -P check_kernel_symbols.cmake
string(REPLACE "|" ";" objects "${OBJECTS}")
string(LENGTH "${VARIANT}" length)
set(prefix "3moe7kernels${length}${VARIANT}") # as the Itanium ABI mangles the namespace
set(strays "")
foreach(object IN LISTS objects)
    execute_process(COMMAND ${NM} --defined-only ${object} OUTPUT_VARIABLE symbols RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${NM} failed on ${object}")
    endif()
    string(REPLACE "\n" ";" lines "${symbols}")
    foreach(line IN LISTS lines)
        # Local symbols have lower-case types, except u (unique global), v and w (weak). The name is
        # kept first: every MATCHES below resets CMAKE_MATCH_<n>.
        # DW.ref.__gxx_personality_v0 (a sanitizer build's unwind tables) is only a pointer to the C++
        # runtime's personality routine, the same in every object: no code of the variant.
        if(line MATCHES "^[0-9a-fA-F]* ([A-Zuvw]) (.*)$")
            set(name "${CMAKE_MATCH_2}")
            if(NOT name MATCHES "${prefix}" AND NOT name STREQUAL "DW.ref.__gxx_personality_v0")
                list(APPEND strays "${object}: ${name}")
            endif()
        endif()
    endforeach()
endforeach()
list(LENGTH objects count)
if(strays)
    list(JOIN strays "\n  " text)
    message(FATAL_ERROR "symbols outside moe::kernels::${VARIANT}:\n  ${text}")
endif()
message(STATUS "${count} objects of variant ${VARIANT}: every external symbol is in moe::kernels::${VARIANT}")
