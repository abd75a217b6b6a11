# SPDX-License-Identifier: GPL-2.0-or-later
# The Debian package: `cpack -G DEB` in a build configured with
# -DCMAKE_INSTALL_PREFIX=/usr (the paths compiled into the programs and
# written into the units are the install prefix's) and without VK_SANITIZE.
# The dependencies come from the programs' shared libraries, through
# dpkg-shlibdeps.
if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
    message(STATUS "Debian package: configure with -DCMAKE_INSTALL_PREFIX=/usr to build one "
                   "that installs in Debian's places (now ${CMAKE_INSTALL_PREFIX})")
endif()
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME vankien)
set(CPACK_PACKAGE_VENDOR "vankien")
set(CPACK_PACKAGE_CONTACT "vankien developers <vankien@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "full-text search for Vietnamese Party documents")
set(CPACK_PACKAGE_DESCRIPTION
    "vankien indexes folders of Vietnamese Party documents (Nghi quyet, Ke hoach,
Ket luan, Chi thi, ...) in text, Word, PDF and HTML and searches them with a
Vietnamese-aware analyzer: words without diacritics, both tone-mark styles,
document numbers, sections, citations. It ships the command-line tool
vankien, the HTTP daemon vankien-searchd with its web page, and systemd
units that keep an index of a documents folder up to date and serve it.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The readers' libraries (poppler-glib, libzip, libxml2) are loaded at run
# time (corpus/readers.c, corpus/read_pdf.c), so dpkg-shlibdeps does not see
# them: their packages are named here, found from the libraries' files (else
# made from the SONAMEs: libzip.so.4 is libzip4).
set(_vk_runtime_pkgs "")
foreach(_vk_lib VK_POPPLER VK_LIBZIP VK_LIBXML2)
    get_filename_component(_vk_file "${${_vk_lib}_LIBRARY}" REALPATH)
    execute_process(COMMAND dpkg-query -S "${_vk_file}" OUTPUT_VARIABLE _vk_pkg ERROR_QUIET
                    RESULT_VARIABLE _vk_dpkg_rc)
    string(REGEX MATCH "^[^:]+" _vk_pkg "${_vk_pkg}")
    if(NOT _vk_dpkg_rc EQUAL 0 OR NOT _vk_pkg)
        string(REGEX REPLACE "^lib(.*)\\.so\\.([0-9]+)$" "lib\\1\\2" _vk_pkg
                             "${${_vk_lib}_SONAME}")
    endif()
    list(APPEND _vk_runtime_pkgs "${_vk_pkg}")
endforeach()
list(JOIN _vk_runtime_pkgs ", " CPACK_DEBIAN_PACKAGE_DEPENDS)
# Old Word files are read through one of these; systemd runs the services.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "antiword | catdoc, systemd")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_BINARY_DIR}/packaging/postinst ${PROJECT_SOURCE_DIR}/packaging/postrm
    ${PROJECT_BINARY_DIR}/packaging/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
