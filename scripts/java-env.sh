# Sourced by the run/test/bench scripts: selects a JDK 21+ for Maven and java.
# Keeps JAVA_HOME when it already points at 21+; otherwise uses `java` on PATH if it is 21+;
# otherwise picks the newest JDK 21+ under /usr/lib/jvm.

java_major() {
  "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1") ? v[2] : v[1]; exit }'
}

select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
    return 0
  fi
  if command -v java >/dev/null 2>&1 && [ "$(java_major java)" -ge 21 ]; then
    JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    return 0
  fi
  local best="" best_major=0 candidate major
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major="$(java_major "$candidate/bin/java")"
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "error: JDK 21 or newer is required; install one (e.g. under /usr/lib/jvm) or set JAVA_HOME" >&2
    return 1
  fi
  JAVA_HOME="$best"
}

select_jdk || exit 1
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
if ! command -v mvn >/dev/null 2>&1; then
  echo "error: Maven (mvn) is required; e.g. apt-get install maven" >&2
  exit 1
fi
# Maven 3.8's bundled Guava touches sun.misc.Unsafe; JDK 23+ warns about it on every build.
if [ "$(java_major "$JAVA_HOME/bin/java")" -ge 23 ]; then
  case " ${MAVEN_OPTS:-} " in *sun-misc-unsafe-memory-access*) ;; *)
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
  esac
fi
