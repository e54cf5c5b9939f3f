# Sourced by bin/patina and bin/test: selects JDK 25 or newer into JAVA_HOME.
# Order: $JAVA_HOME if it is 25+, else Temurin 25 at its Debian path, else a clear error.
patina_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

patina_select_jdk() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    local major
    major="$(patina_java_major "$JAVA_HOME")"
    if [[ -n "$major" && "$major" -ge 25 ]]; then
      return 0
    fi
  fi
  if [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
    return 0
  fi
  echo "patina: JDK 25 or newer is required; set JAVA_HOME to one (JAVA_HOME=${JAVA_HOME:-unset})" >&2
  return 1
}
