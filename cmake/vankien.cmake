# SPDX-License-Identifier: GPL-2.0-or-later
# Build helpers shared by every folder: warning flags, include paths, sanitizers, the version
# header.

# Applies the project's warning flags and include paths to one target (C and, inside
# xapian-c, C++).
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
    vk_add_include_views(${target})
endfunction()

# Include paths by folder. Includes are written from the repository root ("corpus/cp.h"),
# but no target gets the root itself: a target sees its own folder whole (private headers
# included) through a private view, and a library exports only its folder's public headers
# (those not named *_internal.h) through a public view, to the targets that link it. A view
# is a folder of symbolic links in the build tree, made when configuring:
#   include/<folder>.private/<folder> -> the source folder
#   include/<folder>.public/<folder>/<header>.h -> each public header of the folder
# The build tree's root stays a private include directory, for vk_version.h.
function(vk_add_include_views target)
    file(RELATIVE_PATH folder ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
    string(REPLACE "/" "_" view ${folder})
    set(private ${PROJECT_BINARY_DIR}/include/${view}.private)
    set(public ${PROJECT_BINARY_DIR}/include/${view}.public)
    get_property(made GLOBAL PROPERTY vk_view_${view}_private)
    if(NOT made)
        set_property(GLOBAL PROPERTY vk_view_${view}_private 1)
        file(REMOVE_RECURSE ${private})
        get_filename_component(parent ${private}/${folder} DIRECTORY)
        file(MAKE_DIRECTORY ${parent})
        file(CREATE_LINK ${CMAKE_CURRENT_SOURCE_DIR} ${private}/${folder} SYMBOLIC)
    endif()
    target_include_directories(${target} PRIVATE ${private} ${PROJECT_BINARY_DIR})
    get_target_property(type ${target} TYPE)
    if(NOT type MATCHES "LIBRARY$")
        return()
    endif()
    get_property(made GLOBAL PROPERTY vk_view_${view}_public)
    if(NOT made)
        set_property(GLOBAL PROPERTY vk_view_${view}_public 1)
        file(REMOVE_RECURSE ${public})
        file(MAKE_DIRECTORY ${public}/${folder})
        file(GLOB headers CONFIGURE_DEPENDS RELATIVE ${CMAKE_CURRENT_SOURCE_DIR}
             ${CMAKE_CURRENT_SOURCE_DIR}/*.h)
        list(FILTER headers EXCLUDE REGEX "_internal\\.h$")
        foreach(h ${headers})
            file(CREATE_LINK ${CMAKE_CURRENT_SOURCE_DIR}/${h} ${public}/${folder}/${h} SYMBOLIC)
        endforeach()
    endif()
    target_include_directories(${target} INTERFACE ${public})
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
