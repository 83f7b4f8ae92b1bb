# cmake -DLOCK_IN=<lock> -DLOCK=<WORK/tree/name> -DWORK=<dir> -DCOMMAND="meshwa;gen;...;--lock;<LOCK>;..."
#       -DEXPECT=<regex> -DRC=<0 or 1> -P ReadOnlyRekeyLock.cmake
# gen --lock over a read-only copy of LOCK_IN (chmod 444, in a read-only
# directory: a read-only checkout) must exit RC with output matching EXPECT
# and leave the lock as it was. Run as an unprivileged user (setpriv, when
# this runs as root): root writes read-only files.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/tree)
file(COPY_FILE ${LOCK_IN} ${LOCK})
execute_process(COMMAND chmod -R a-w ${WORK}/tree)
set(as_user)
execute_process(COMMAND id -u OUTPUT_VARIABLE uid OUTPUT_STRIP_TRAILING_WHITESPACE)
if(uid STREQUAL "0")
  set(as_user setpriv --reuid=65534 --regid=65534 --clear-groups)
endif()
execute_process(COMMAND ${as_user} ${COMMAND} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
execute_process(COMMAND chmod -R u+w ${WORK}/tree)
if(NOT rc EQUAL RC OR NOT "${out}${err}" MATCHES "${EXPECT}")
  message(FATAL_ERROR "expected exit ${RC} and output matching\n  ${EXPECT}\ngot exit ${rc}:\n${out}${err}")
endif()
file(READ ${LOCK_IN} before)
file(READ ${LOCK} after)
if(NOT before STREQUAL after)
  message(FATAL_ERROR "the read-only lock was changed:\n${after}")
endif()
message(STATUS "a read-only lock is reported as expected")
