# SPDX-License-Identifier: GPL-2.0-or-later
# Build helpers shared by every folder: warning flags, sanitizers, the version header.

# Applies the project's warning flags to one target (C and, inside xapian-c, C++).
function(vk_add_compile_options target)
    set(common -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wvla -Wcast-qual
        -Wpointer-arith -Wundef)
    set(conly -Wstrict-prototypes -Wmissing-prototypes -Wold-style-definition)
    target_compile_options(${target} PRIVATE ${common}
        $<$<COMPILE_LANGUAGE:C>:${conly}>)
    if(VK_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
    target_compile_definitions(${target} PRIVATE _XOPEN_SOURCE=700)
    target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})
endfunction()

if(VK_SANITIZE)
    set(vk_san -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    add_compile_options(${vk_san})
    add_link_options(${vk_san})
endif()
# Fuzzing (clang): everything instrumented for libFuzzer; the targets in
# bench/fuzz/ link its driver.
if(VK_FUZZ)
    add_compile_options(-fsanitize=fuzzer-no-link)
endif()

set(VK_SEARCHD_CONF ${CMAKE_INSTALL_FULL_SYSCONFDIR}/vankien/searchd.conf)
configure_file(${PROJECT_SOURCE_DIR}/cmake/version.h.in ${PROJECT_BINARY_DIR}/vk_version.h @ONLY)
