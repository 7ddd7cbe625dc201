# Installs the program, the library, its headers, the built-in catalog, a CMake package
# (find_package(rackscale) gives rackscale::rackscale) and a pkg-config file (rackscale.pc).
include(CMakePackageConfigHelpers)

set(RACKSCALE_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/rackscale)

install(TARGETS rackscale_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS rackscale EXPORT rackscaleTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/src/rackscale/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/rackscale
        FILES_MATCHING PATTERN "*.hpp")
install(FILES ${RACKSCALE_CATALOG_FILES} DESTINATION ${CMAKE_INSTALL_DATADIR}/rackscale/catalog)
if(RACKSCALE_DATASET_FILES)
  install(FILES ${RACKSCALE_DATASET_FILES} DESTINATION ${CMAKE_INSTALL_DATADIR}/rackscale/datasets)
endif()

install(EXPORT rackscaleTargets NAMESPACE rackscale:: DESTINATION ${RACKSCALE_INSTALL_CMAKEDIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/rackscaleConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/rackscaleConfig.cmake
                              INSTALL_DESTINATION ${RACKSCALE_INSTALL_CMAKEDIR}
                              PATH_VARS CMAKE_INSTALL_DATADIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/rackscaleConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/rackscaleConfig.cmake
              ${PROJECT_BINARY_DIR}/rackscaleConfigVersion.cmake
        DESTINATION ${RACKSCALE_INSTALL_CMAKEDIR})

# pkg-config: the flags of the library and of what it links, taken from their own .pc files.
# The prefix is found from the .pc file's own folder, so the installed tree can be moved.
file(RELATIVE_PATH RACKSCALE_PC_TO_PREFIX /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
configure_file(${CMAKE_CURRENT_LIST_DIR}/rackscale.pc.in ${PROJECT_BINARY_DIR}/rackscale.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/rackscale.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
