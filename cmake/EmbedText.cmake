# openiom_embed_text(OUTPUT out.cc NAMESPACE ns NAME kName FILE path)
# Generates a .cc defining `std::string_view ns::kName` holding the file's bytes, so reference data and
# migrations ship inside the binary and cannot drift from the code that reads them.
function(openiom_embed_text)
  cmake_parse_arguments(ARG "" "OUTPUT;NAMESPACE;NAME;FILE" "" ${ARGN})
  add_custom_command(
    OUTPUT "${ARG_OUTPUT}"
    COMMAND ${CMAKE_COMMAND} -DIN=${ARG_FILE} -DOUT=${ARG_OUTPUT} -DNS=${ARG_NAMESPACE} -DNAME=${ARG_NAME}
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedTextScript.cmake
    DEPENDS "${ARG_FILE}" ${PROJECT_SOURCE_DIR}/cmake/EmbedTextScript.cmake
    VERBATIM)
endfunction()

# openiom_embed_files(OUTPUT out.cc SCRIPT generator.cmake FILES path...)
# Generates a .cc from several files at once by running the script-mode `generator` with -DFILES and -DOUT;
# regenerated when any of the files or the generator changes.
function(openiom_embed_files)
  cmake_parse_arguments(ARG "" "OUTPUT;SCRIPT" "FILES" ${ARGN})
  add_custom_command(
    OUTPUT "${ARG_OUTPUT}"
    COMMAND ${CMAKE_COMMAND} "-DFILES=${ARG_FILES}" -DOUT=${ARG_OUTPUT} -P ${ARG_SCRIPT}
    DEPENDS ${ARG_FILES} ${ARG_SCRIPT}
    VERBATIM)
endfunction()
