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
