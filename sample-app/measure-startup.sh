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
# a jar of the executable format: Boot's `extract` lays the application out that way. The
# training run is `pm demo`, as in the build, so the archive holds the classes of every command.
"$java" -Djarmode=tools -jar "$jar" extract --destination "$work/extracted" >/dev/null
extracted="$work/extracted/pm.jar"
"$java" -XX:ArchiveClassesAtExit="$work/pm.jsa" -jar "$extracted" demo >/dev/null 2>&1
feature=$("$java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p')
if [ "$feature" -ge 25 ]; then
  # JDK 25 (JEP 514/515): one training run writes an AOT cache of loaded and linked classes and
  # method profiles.
  "$java" -XX:AOTCacheOutput="$work/pm.aot" -jar "$extracted" demo >/dev/null 2>&1
fi

lazy=-Dspring.main.lazy-initialization=true
c1=-XX:TieredStopAtLevel=1
names=()
commands=()
variant() {
  names+=("$1")
  commands+=("${*:2}")
}
variant "plain java -jar pm.jar"               "$java" -jar "$jar"
variant "+ lazy initialization"                "$java" $lazy -jar "$jar"
variant "+ C1 only (-XX:TieredStopAtLevel=1)"  "$java" $c1 -jar "$jar"
variant "+ lazy + C1"                          "$java" $lazy $c1 -jar "$jar"
variant "extracted jar"                        "$java" -jar "$extracted"
variant "extracted + CDS archive"              "$java" -XX:SharedArchiveFile="$work/pm.jsa" -jar "$extracted"
variant "extracted + CDS + C1 (target/pm)"      "$java" -XX:SharedArchiveFile="$work/pm.jsa" $c1 -jar "$extracted"
variant "extracted + CDS + lazy + C1"          "$java" -XX:SharedArchiveFile="$work/pm.jsa" $lazy $c1 -jar "$extracted"
if [ -f "$work/pm.aot" ]; then
  variant "extracted + AOT cache"              "$java" -XX:AOTCache="$work/pm.aot" -jar "$extracted"
  variant "extracted + AOT cache + C1"         "$java" -XX:AOTCache="$work/pm.aot" $c1 -jar "$extracted"
  variant "extracted + AOT cache + lazy + C1"  "$java" -XX:AOTCache="$work/pm.aot" $lazy $c1 -jar "$extracted"
fi

# Round-robin over the variants, so that a change of machine load affects them all alike.
declare -A times
for _ in $(seq "$runs"); do
  for i in "${!commands[@]}"; do
    start=$(date +%s%N)
    ${commands[$i]} task list >/dev/null
    end=$(date +%s%N)
    times[$i]+="$(( (end - start) / 1000000 )) "
  done
done

echo "pm task list, median of $runs runs, $("$java" -version 2>&1 | head -1)"
for i in "${!commands[@]}"; do
  median=$(printf '%s\n' ${times[$i]} | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}')
  printf '%-40s %6s ms\n' "${names[$i]}" "$median"
done
