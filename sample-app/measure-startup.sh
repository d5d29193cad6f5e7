#!/usr/bin/env bash
# Measures the wall time of `pm task list` (median of 10 runs) for each start-up option.
# Builds nothing: run `./mvnw -q -B install -DskipTests` first. Usage, from the repository root:
#   sample-app/measure-startup.sh            # with the default `java`
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 sample-app/measure-startup.sh
set -euo pipefail

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
jar="$here/target/pm.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
runs=${RUNS:-10}
[ -f "$jar" ] || { echo "no $jar: run ./mvnw -q -B install -DskipTests first" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PM_DB_PATH="$work/pm.db"

# A small plan, so that `task list` has rows to print.
"$java" -jar "$jar" epic add E01 "Offline mode" >/dev/null
"$java" -jar "$jar" feature add E01-F01 "Local storage" --epic E01 >/dev/null
for n in 1 2 3; do
  "$java" -jar "$jar" task add "T-E01-F01-00$n" "Task $n" --feature E01-F01 >/dev/null
done

# Class-data sharing needs classes loaded from plain jars on the class path, not from the jar in
# a jar of the executable format: Boot's `extract` lays the application out that way.
"$java" -Djarmode=tools -jar "$jar" extract --destination "$work/extracted" >/dev/null
extracted="$work/extracted/pm.jar"
"$java" -XX:ArchiveClassesAtExit="$work/pm.jsa" -jar "$extracted" task list >/dev/null 2>&1
feature=$("$java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p')
if [ "$feature" -ge 25 ]; then
  # JDK 25 (JEP 514/515): one training run writes an AOT cache of loaded and linked classes and
  # method profiles.
  "$java" -XX:AOTCacheOutput="$work/pm.aot" -jar "$extracted" task list >/dev/null 2>&1
fi

median_ms() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'
}

lazy=-Dspring.main.lazy-initialization=true
c1=-XX:TieredStopAtLevel=1
report() {
  printf '%-58s %6s ms\n' "$1" "$(median_ms "${@:2}")"
}

echo "pm task list, median of $runs runs, $("$java" -version 2>&1 | head -1)"
report "plain java -jar pm.jar"                   "$java" -jar "$jar" task list
report "+ lazy initialization"                    "$java" $lazy -jar "$jar" task list
report "+ C1 only (-XX:TieredStopAtLevel=1)"      "$java" $c1 -jar "$jar" task list
report "extracted jar"                            "$java" -jar "$extracted" task list
report "extracted + CDS archive"                  "$java" -XX:SharedArchiveFile="$work/pm.jsa" -jar "$extracted" task list
report "extracted + CDS + lazy + C1"              "$java" -XX:SharedArchiveFile="$work/pm.jsa" $lazy $c1 -jar "$extracted" task list
if [ -f "$work/pm.aot" ]; then
  report "extracted + AOT cache (JDK 25)"         "$java" -XX:AOTCache="$work/pm.aot" -jar "$extracted" task list
  report "extracted + AOT cache + lazy + C1"      "$java" -XX:AOTCache="$work/pm.aot" $lazy $c1 -jar "$extracted" task list
fi
