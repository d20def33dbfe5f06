# Fails the build when workflow/ includes an I/O library: the domain stays pure.
file(GLOB_RECURSE _files ${SRC}/workflow/*.hpp ${SRC}/workflow/*.cpp)
foreach(f IN LISTS _files)
  file(STRINGS ${f} _hits REGEX "#include *[<\"](Poco/|pqxx|libpq|wkhtmltox|podofo|openssl/|sodium|filesystem|fstream|thread|mutex|iostream)")
  if(_hits)
    message(FATAL_ERROR "workflow/ must stay pure (no I/O): ${f}: ${_hits}")
  endif()
endforeach()
