# cmake -DTEST=<recording_client_test> -DDIR=<its contracts folder> -P RunRecording.cmake
# Seeds DIR with contracts "from an earlier run" of every test, runs all the
# consumer tests (some fail on purpose), and checks that a test that passed
# wrote its contract, that one that failed or was skipped kept the older one,
# and that one that passed without interactions removed it.
set(older "{\"consumer\": \"recording_client\", \"interactions\": [], \"test\": \"from an earlier run\"}\n")
set(tests Recording.Passes Recording.UnsatisfiedExpectation Recording.FailsAfterScope Recording.FailsWhileRecording
          Recording.SkippedAfterRecording Recording.PassesWithoutInteractions Whole Cut
          RecordingFixture.Passes RecordingFixture.UnsatisfiedExpectation SuiteWide SuiteWideFails)
get_filename_component(DIR_NAME ${DIR} NAME)
file(REMOVE_RECURSE ${DIR})
foreach(t IN LISTS tests)
  file(WRITE ${DIR}/recording_client--${t}.json "${older}")
endforeach()

# A test that was renamed or removed since it recorded: its contract is stale.
# Another consumer's file in the same folder is none of this binary's business.
file(WRITE ${DIR}/recording_client--Recording.RenamedSince.json "${older}")
file(WRITE ${DIR}/other_consumer--Recording.RenamedSince.json "${older}")
# A consumer renamed since it recorded: a test that ran records under another
# consumer name now, so its file under the old name is stale too.
file(WRITE ${DIR}/renamed_client--Recording.Passes.json "${older}")

execute_process(COMMAND ${TEST} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(all "${out}${err}")
if(rc EQUAL 0)
  message(FATAL_ERROR "the consumer tests passed, but some must fail:\n${all}")
endif()
set(problems "")

# Written: the recorded interactions, no longer the older file.
foreach(t Recording.Passes Whole RecordingFixture.Passes SuiteWide)
  file(READ ${DIR}/recording_client--${t}.json text)
  if(text STREQUAL older OR NOT text MATCHES "\"method\": \"get\"")
    string(APPEND problems "${t} passed, but its contract was not written:\n${text}\n")
  endif()
endforeach()
# The suite-wide context holds the calls of both tests of its suite.
file(READ ${DIR}/recording_client--SuiteWide.json text)
if(NOT text MATCHES "suite-first" OR NOT text MATCHES "suite-second")
  string(APPEND problems "the suite-wide contract does not hold the calls of both tests:\n${text}\n")
endif()
# A TEST_P Keys/Clash.Runs/0 and a TEST Keys_Clash.Runs_0: one contract each.
foreach(pair "Keys_Clash.Runs_0=plain" "Keys~Clash.Runs~0=param")
  string(REPLACE "=" ";" pair "${pair}")
  list(GET pair 0 t)
  list(GET pair 1 key)
  set(path ${DIR}/recording_client--${t}.json)
  if(NOT EXISTS ${path})
    string(APPEND problems "${t} passed, but wrote no contract ${path}\n")
  else()
    file(READ ${path} text)
    if(NOT text MATCHES "\"${key}\"")
      string(APPEND problems "${path} does not hold the interactions of its own test (${key}):\n${text}\n")
    endif()
  endif()
endforeach()
# Kept as it was, and the test says so.
foreach(t Recording.UnsatisfiedExpectation Recording.FailsAfterScope Recording.FailsWhileRecording
          RecordingFixture.UnsatisfiedExpectation Recording.SkippedAfterRecording Cut SuiteWideFails)
  set(path ${DIR}/recording_client--${t}.json)
  file(READ ${path} text)
  if(NOT text STREQUAL older)
    string(APPEND problems "${t} did not pass, but its contract was written over the older one:\n${text}\n")
  endif()
  if(t STREQUAL "Recording.SkippedAfterRecording")
    set(why "was skipped")
  elseif(t STREQUAL "Cut")
    set(why "could not record every interaction")
  elseif(t STREQUAL "SuiteWideFails")
    set(why "failed")
  else()
    set(why "failed")
  endif()
  set(message "meshwa: the contract ${path} was not written: the test ${why} (the one from an earlier run is kept)")
  if(t STREQUAL "SuiteWideFails")  # a context of the whole suite, made in SetUpTestSuite
    set(message "meshwa: the contract ${path} was not written: a test of suite SuiteWideFails failed while it recorded (1 failed) (the one from an earlier run is kept)")
  endif()
  string(FIND "${all}" "${message}" at)
  if(at EQUAL -1)
    string(APPEND problems "${t}: no message that its contract was not written because the test ${why}\n")
  endif()
endforeach()
# Passed without interactions: the older contract is stale.
if(EXISTS ${DIR}/recording_client--Recording.PassesWithoutInteractions.json)
  string(APPEND problems "Recording.PassesWithoutInteractions passed without interactions, but the older contract is still there\n")
endif()
# Stale: named, and kept (another test binary of the consumer may record it);
# no other file of the folder is called stale, also those whose TestContext
# gave a test name of its own (Whole, Cut).
# `file` is named stale with `why` (after "is stale: ") and kept.
function(expect_named_stale file why)
  if(NOT EXISTS ${DIR}/${file})
    string(APPEND problems "the stale contract ${file} was deleted\n")
  endif()
  string(FIND "${all}" "meshwa: warning: the contract ${DIR}/${file} is stale: ${why}" at)
  if(at EQUAL -1)
    string(APPEND problems "no warning that ${file} is stale\n")
  endif()
  set(problems "${problems}" PARENT_SCOPE)
endfunction()
expect_named_stale(recording_client--Recording.RenamedSince.json "this test binary has no test Recording.RenamedSince any more (renamed or removed?), yet the provider's contract tests still replay it; delete the file unless another test binary of consumer 'recording_client' records it")
expect_named_stale(renamed_client--Recording.Passes.json "test Recording.Passes records for consumer 'recording_client' now, not 'renamed_client' (consumer renamed?), yet the provider's contract tests still replay it; delete the file unless a test Recording.Passes of another test binary records for consumer 'renamed_client'")
string(REGEX MATCHALL "the contract [^\n]* is stale" stale "${all}")
list(LENGTH stale n_stale)
if(NOT n_stale EQUAL 2)
  string(APPEND problems "expected exactly two stale contracts named, got: ${stale}\n")
endif()
# A filtered run (as ctest runs each test) still names a stale file of one of
# the binary's suites.
execute_process(COMMAND ${TEST} --gtest_filter=Recording.Passes OUTPUT_VARIABLE out2 ERROR_VARIABLE err2)
if(NOT "${out2}${err2}" MATCHES "recording_client--Recording.RenamedSince.json is stale")
  string(APPEND problems "a filtered run did not name the stale contract:\n${out2}${err2}\n")
endif()
if(NOT "${out2}${err2}" MATCHES "renamed_client--Recording.Passes.json is stale")
  string(APPEND problems "a filtered run did not name the contract of the renamed consumer:\n${out2}${err2}\n")
endif()
# Only a test that ran says which consumers it records for.
execute_process(COMMAND ${TEST} --gtest_filter=Recording.FailsAfterScope OUTPUT_VARIABLE out3 ERROR_VARIABLE err3)
if("${out3}${err3}" MATCHES "renamed_client--Recording.Passes.json is stale")
  string(APPEND problems "a run without Recording.Passes named renamed_client's contract of it:\n${out3}${err3}\n")
endif()

# A suite-wide context in a run of part of its suite holds only that part's
# calls: not written, the whole suite's contract is kept.
file(READ ${DIR}/recording_client--SuiteWide.json whole_suite)
execute_process(COMMAND ${TEST} --gtest_filter=SuiteWide.First OUTPUT_VARIABLE out3 ERROR_VARIABLE err3)
if(NOT "${out3}${err3}" MATCHES "recording_client--SuiteWide.json was not written: only 1 of the 2 tests of suite SuiteWide ran \\(a filtered run, as ctest makes one per test\\)")
  string(APPEND problems "a filtered run of part of a suite did not say its suite-wide contract was not written:\n${out3}${err3}\n")
endif()
file(READ ${DIR}/recording_client--SuiteWide.json after_part)
if(NOT after_part STREQUAL whole_suite)
  string(APPEND problems "a filtered run of part of a suite wrote over its suite-wide contract:\n${after_part}\n")
endif()

# One test run in several processes at once (two build trees of one source,
# a test binary started twice) writes one whole contract, and no process
# says it could not: each wrote a temporary file of one shared name, which
# the others truncated and renamed away ("cannot write the contract ...: No
# such file or directory"). The processes of one execute_process run at once.
set(large ${DIR}/recording_client--Recording.PassesWithALargeKey.json)
set(at_once)
foreach(i RANGE 1 8)
  list(APPEND at_once COMMAND ${TEST} --gtest_filter=Recording.PassesWithALargeKey)
endforeach()
foreach(round RANGE 1 3)
  execute_process(${at_once} OUTPUT_VARIABLE out4 ERROR_VARIABLE err4)
  if("${out4}${err4}" MATCHES "cannot write the contract")
    string(APPEND problems "a process writing a contract at the same time as others could not:\n${err4}\n")
  endif()
  file(READ ${large} text)
  string(JSON test ERROR_VARIABLE torn GET "${text}" test)
  if(torn OR NOT test STREQUAL "Recording.PassesWithALargeKey")
    string(APPEND problems "the contract written by several processes at once is not whole: ${torn}\n")
  endif()
endforeach()
file(GLOB leftovers ${DIR}/*.tmp*)
if(leftovers)
  string(APPEND problems "temporary files were left behind: ${leftovers}\n")
endif()

# A rerun that records what the file holds already writes nothing (a CI job
# on a read-only checkout whose committed contracts are up to date passes,
# and the file keeps its time, so the next build does not rebuild the
# contract tests): a contract that is a symbolic link to the same text stays
# a link. A contract that differs and cannot be written fails its test and
# says why and what to do (before, a line on stderr and the test passed);
# a directory in its place makes the write fail for root too.
# The same contract with CRLF line endings and a byte order mark (a
# checkout made on Windows, an editor) holds the same interactions: not
# written either.
set(passes ${DIR}/recording_client--Recording.Passes.json)
file(READ ${passes} same)
string(ASCII 239 187 191 bom)
string(REPLACE "\n" "\r\n" same_crlf "${bom}${same}")
foreach(variant same same_crlf)
  file(REMOVE ${passes})
  file(WRITE ${DIR}/same.txt "${${variant}}")
  file(CREATE_LINK same.txt ${passes} SYMBOLIC)
  execute_process(COMMAND ${TEST} --gtest_filter=Recording.Passes RESULT_VARIABLE rc5 OUTPUT_VARIABLE out5 ERROR_VARIABLE err5)
  if(NOT rc5 EQUAL 0 OR NOT IS_SYMLINK ${passes})
    string(APPEND problems "a rerun recording what the contract holds already (${variant}) wrote it again (or failed):\n${out5}${err5}\n")
  endif()
endforeach()
file(REMOVE ${passes} ${DIR}/same.txt)
# A contract that is a symbolic link into another folder, and differs: the
# recording is written through the link, to the file it names (as an editor
# writes it), and the link stays (it was replaced by a regular file, and the
# file it named kept the old contract). The same through a relative link.
set(elsewhere ${DIR}.elsewhere)
file(REMOVE_RECURSE ${elsewhere})
file(MAKE_DIRECTORY ${elsewhere})
foreach(link_to "${elsewhere}/linked.json" "../${DIR_NAME}.elsewhere/linked.json")
  file(WRITE ${elsewhere}/linked.json "${older}")
  file(REMOVE ${passes})
  file(CREATE_LINK ${link_to} ${passes} SYMBOLIC)
  execute_process(COMMAND ${TEST} --gtest_filter=Recording.Passes RESULT_VARIABLE rc5 OUTPUT_VARIABLE out5 ERROR_VARIABLE err5)
  file(READ ${elsewhere}/linked.json text)
  file(GLOB leftovers ${elsewhere}/*.tmp* ${DIR}/*.tmp*)
  if(NOT rc5 EQUAL 0 OR NOT IS_SYMLINK ${passes} OR text STREQUAL older OR NOT text STREQUAL same OR leftovers)
    string(APPEND problems "a contract linked to ${link_to} was not written through the link (or failed):\n${out5}${err5}\nlinked.json: ${text}\nleft: ${leftovers}\n")
  endif()
endforeach()
file(REMOVE ${passes})
file(REMOVE_RECURSE ${elsewhere})
# A contract made read-only on purpose (frozen: committed, reviewed) is not
# replaced although its folder is writable, where the recorder's rename of a
# new file over it would succeed (it did, silently): the test fails naming
# the file, why and the remedy, and the file stays as it was. For root too
# (no write bit in the mode). Nor is a read-only contract of a test that
# recorded no interaction removed as stale. A read-only contract that holds
# the recording passes, as an up-to-date one always does.
set(read_only PERMISSIONS OWNER_READ GROUP_READ WORLD_READ)
set(frozen_remedy "A read-only contract is taken for one frozen on purpose, which the provider's contract tests replay as it is. If the consumer's expectations changed on purpose, make it writable \\(chmod u\\+w [^)]*\\) and run the test again; otherwise change the test back to what the contract holds")
foreach(case "Passes=write=it differs from what this test recorded"
             "PassesWithoutInteractions=remove=this test recorded no interaction, so it would be removed as stale")
  string(REPLACE "=" ";" case "${case}")
  list(GET case 0 t)
  list(GET case 1 verb)
  list(GET case 2 why)
  set(path ${DIR}/recording_client--Recording.${t}.json)
  file(WRITE ${path} "${older}")
  file(CHMOD ${path} ${read_only})
  execute_process(COMMAND ${TEST} --gtest_filter=Recording.${t} RESULT_VARIABLE rc6 OUTPUT_VARIABLE out6 ERROR_VARIABLE err6)
  if(rc6 EQUAL 0 OR NOT "${out6}${err6}" MATCHES "client_test.cpp:[0-9]+: Failure\nFailed\nmeshwa: will not ${verb} the contract ${path}: it is read-only \\(mode 0444\\), and ${why}. ${frozen_remedy}")
    string(APPEND problems "a read-only contract (Recording.${t}) did not fail its test saying why and what to do:\n${out6}${err6}\n")
  endif()
  if(NOT EXISTS ${path})
    string(APPEND problems "the read-only contract of Recording.${t} was removed\n")
  else()
    file(READ ${path} text)
    if(NOT text STREQUAL older)
      string(APPEND problems "the read-only contract of Recording.${t} was replaced:\n${text}\n")
    endif()
  endif()
  file(REMOVE ${path})
endforeach()
file(WRITE ${passes} "${same}")
file(CHMOD ${passes} ${read_only})
execute_process(COMMAND ${TEST} --gtest_filter=Recording.Passes RESULT_VARIABLE rc6 OUTPUT_VARIABLE out6 ERROR_VARIABLE err6)
if(NOT rc6 EQUAL 0)
  string(APPEND problems "a read-only contract that holds the recording failed its test:\n${out6}${err6}\n")
endif()
file(REMOVE ${passes})
file(MAKE_DIRECTORY ${passes})
execute_process(COMMAND ${TEST} --gtest_filter=Recording.Passes RESULT_VARIABLE rc5 OUTPUT_VARIABLE out5 ERROR_VARIABLE err5)
if(rc5 EQUAL 0 OR NOT "${out5}${err5}" MATCHES "client_test.cpp:[0-9]+: Failure\nFailed\nmeshwa: cannot write the contract ${passes}: [^\n]*; the file differs from what this test recorded, so the provider's contract tests would replay an out-of-date contract. Run the consumer tests where the contracts folder is writable \\(not a read-only checkout\\) and commit the contract")
  string(APPEND problems "a contract that cannot be written did not fail its test saying why:\n${out5}${err5}\n")
endif()
file(REMOVE_RECURSE ${passes})
# A contracts folder that cannot be made (a read-only checkout without one
# yet; here a file in its place) is named with its reason, not the
# temporary file's "No such file or directory".
file(RENAME ${DIR} ${DIR}.aside)
file(WRITE ${DIR} "")
execute_process(COMMAND ${TEST} --gtest_filter=Recording.Passes RESULT_VARIABLE rc5 OUTPUT_VARIABLE out5 ERROR_VARIABLE err5)
file(REMOVE ${DIR})
file(RENAME ${DIR}.aside ${DIR})
if(rc5 EQUAL 0 OR NOT "${out5}${err5}" MATCHES "meshwa: cannot write the contract ${passes}: cannot create the folder ${DIR}: [^\n]*; the file differs")
  string(APPEND problems "a contracts folder that cannot be made was not named with its reason:\n${out5}${err5}\n")
endif()
file(GLOB leftovers ${DIR}/*.tmp*)
if(leftovers)
  string(APPEND problems "temporary files were left behind by a failed write: ${leftovers}\n")
endif()

# The failures are the expected ones.
if(NOT all MATCHES "5 FAILED TESTS")
  string(APPEND problems "expected exactly 5 failed tests\n")
endif()

if(problems)
  message(FATAL_ERROR "${problems}\nthe output was:\n${all}")
endif()
message(STATUS "contracts written, kept and removed as expected")
