#!/usr/bin/env bash
# Runs every test of AveroPortal (unit, repository, bUnit, integration, browser).
# Installs what the tests need when it is missing; a missing browser or peer makes tests fail, never skip.
set -euo pipefail
cd "$(dirname "$0")"

sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -e /usr/share/zoneinfo/Europe/Amsterdam ] || missing+=(tzdata)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
# The SAML IdP peer of the eHerkenning tests: SimpleSAMLphp 1.19 under PHP's built-in server.
# micro-httpd satisfies simplesamlphp's "apache2 | httpd" dependency without starting a daemon.
if [ ! -d /usr/share/simplesamlphp ] || ! command -v php >/dev/null 2>&1 || ! php -m 2>/dev/null | grep -qx dom; then
  missing+=(simplesamlphp php-cli php8.2-cgi php-xml php-mbstring micro-httpd)
fi
# The OpenID Connect peer of the iDIN tests runs on Node.js (CI machines have it; oidc-provider 9 wants node 20.19+).
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
# ResourceFilesTests runs tools/texts.py --check: the resx files must match their tables.
command -v python3 >/dev/null 2>&1 || missing+=(python3)
# The scale-out test: Debian's PostgreSQL and nginx, started by the test itself on loopback.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
# The metrics tests check the scrape with promtool, from Debian's prometheus package (its daemon is not started).
[ -x /usr/bin/promtool ] || missing+=(prometheus)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  # Packages must not start daemons of their own (nginx on port 80, PostgreSQL's "main" cluster): the tests start
  # their own instances on free loopback ports. policy-rc.d is Debian's switch for that.
  policy_created=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo_cmd tee /usr/sbin/policy-rc.d >/dev/null
    $sudo_cmd chmod +x /usr/sbin/policy-rc.d
    policy_created=1
  fi
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends "${missing[@]}"
  if [ -n "$policy_created" ]; then $sudo_cmd rm -f /usr/sbin/policy-rc.d; fi
fi

# The iDIN broker peer: npm oidc-provider, exactly as pinned in its package-lock.json.
idin_broker=AveroPortal.Tests/Peers/idin-broker
if [ ! -d "$idin_broker/node_modules" ] || [ "$idin_broker/package-lock.json" -nt "$idin_broker/node_modules/.package-lock.json" ]; then
  (cd "$idin_broker" && npm ci --no-audit --no-fund)
fi

rm -rf TestResults
dotnet build AveroPortal.sln -c Release
status=0
dotnet test AveroPortal.sln -c Release --no-build \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" \
  --results-directory TestResults --blame-hang-timeout 10m || status=$?

# The failed tests again, with their messages, where the end of a long log shows them; then one plain closing line.
trx=$(find TestResults -name results.trx | head -n 1)
if [ -n "$trx" ]; then
  python3 - "$trx" <<'PY' || true
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for result in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult", ns):
    if result.get("outcome") not in ("Passed", "NotExecuted"):
        message = result.findtext(".//t:Message", "", ns).strip()
        stack = result.findtext(".//t:StackTrace", "", ns).strip().splitlines()
        print(f"FAILED {result.get('testName')} ({result.get('duration')})")
        for line in (message.splitlines()[:12] + stack[:6]):
            print(f"    {line[:400]}")
PY
  passed=$(grep -o 'passed="[0-9]*"' "$trx" | head -n 1 | grep -o '[0-9]*')
  failed=$(grep -o 'failed="[0-9]*"' "$trx" | head -n 1 | grep -o '[0-9]*')
  echo "${passed:-0} passed, ${failed:-0} failed"
else
  echo "0 passed, 1 failed"
  status=1
fi
exit $status
