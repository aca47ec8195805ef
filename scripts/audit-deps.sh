#!/usr/bin/env bash
# npm audit, failing on a high or critical finding. Some networks cannot reach the registry's audit endpoint;
# then this says so loudly and does not fail, because no finding was made either way.
set -uo pipefail
out=$(npm audit --audit-level=high --omit=dev 2>&1); code=$?
echo "$out" | grep -v 'Unknown user config' | tail -25
if [ $code -ne 0 ] && echo "$out" | grep -qE 'audit endpoint returned an error|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|405 Method Not Allowed'; then
  echo "audit:deps: WARNING: the npm audit endpoint could not be reached; dependencies were NOT checked"
  exit 0
fi
exit $code
