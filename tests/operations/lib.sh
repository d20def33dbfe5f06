# Helpers of the operations tests (sourced): a `kiemdiem serve` started on a free port with
# its own data directory, the API through curl and jq, SQL through psql on the embedded
# cluster's socket. Needs KIEMDIEM (the program) and WORK (a directory the test owns).

fail() {
  echo "FAILED: $*" >&2
  for f in "$WORK"/*.log; do
    [[ -s $f ]] && { echo "--- last lines of $f:" >&2; tail -n 20 "$f" >&2; }
  done
  exit 1
}
n_checks=0
ok() {
  n_checks=$((n_checks + 1))
  echo "    ok: $*"
}
expect() { # expect DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then ok "$what"; else fail "$what"; fi
}

# write_config NAME: settings of an installation in $WORK/NAME (any free HTTP port).
write_config() {
  local name=$1 dir=$WORK/$1
  mkdir -p "$dir"
  sed -e "s|^data.dir = .*|data.dir = $dir|" -e 's|^http.port = .*|http.port = 0|' \
    -e 's|^render.workers = .*|render.workers = 1|' -e 's|^tracking.scheduler = .*|tracking.scheduler = false|' \
    config/kiemdiem.properties >"$WORK/$name.properties"
}

# start_server NAME [ARGS]: serve in the background; sets BASE_<NAME> and PID_<NAME>.
start_server() {
  local name=$1
  shift
  "$KIEMDIEM" --config "$WORK/$name.properties" serve "$@" >"$WORK/$name.serve.log" 2>&1 &
  local pid=$! base=
  for _ in $(seq 600); do
    base=$(sed -n 's|^kiemdiem is running at \(http://[^ ]*\)/api/v1.*|\1|p' "$WORK/$name.serve.log")
    [[ -n $base ]] && break
    kill -0 "$pid" 2>/dev/null || fail "serve $name exited at start"
    sleep 0.2
  done
  [[ -n $base ]] || fail "serve $name did not start within 120 s"
  printf -v "BASE_$name" %s "$base"
  printf -v "PID_$name" %s "$pid"
}

stop_server() {
  local pid_var=PID_$1
  [[ -n ${!pid_var:-} ]] || return 0
  kill -TERM "${!pid_var}" 2>/dev/null || true
  wait "${!pid_var}" 2>/dev/null || true
}

# sql NAME QUERY: one value or rows (|-separated) from the installation's embedded cluster.
sql() {
  psql -X -q -A -t -v ON_ERROR_STOP=1 "postgresql:///kiemdiem?host=$WORK/$1/pg/run&port=55432&user=postgres" -c "$2"
}

declare -A TOKENS
# api NAME USER METHOD PATH [BODY] [IF_MATCH]
api() {
  local base_var=BASE_$1 user=$2 method=$3 path=$4 body=${5:-} if_match=${6:-}
  local key="$1/$user"
  if [[ -z ${TOKENS[$key]:-} ]]; then
    TOKENS[$key]=$(curl -sf "${!base_var}/api/v1/auth/login" -H 'Content-Type: application/json' \
      -d "{\"username\":\"$user\",\"password\":\"kiemdiem2026\"}" | jq -r .token) || fail "login $user"
  fi
  local -a args=(-s -X "$method" -H "Authorization: Bearer ${TOKENS[$key]}" -H 'Content-Type: application/json')
  [[ -n $body ]] && args+=(-d "$body")
  [[ -n $if_match ]] && args+=(-H "If-Match: \"$if_match\"")
  curl "${args[@]}" "${!base_var}/api/v1$path"
}

# act NAME USER REVIEW ACTION BODY: a review action with its current version as If-Match.
act() {
  local version
  version=$(api "$1" "$2" GET "/reviews/$3" | jq -r .version)
  api "$1" "$2" POST "/reviews/$3/actions/$4" "$5" "$version"
}

FORM='{"form":{"sections":{"chinh_tri_tu_tuong":"Kiên định lập trường.","dao_duc_loi_song":"Giản dị, trung thực.","tac_phong_le_loi":"Khoa học, đúng giờ.","y_thuc_ky_luat":"Chấp hành nội quy.","ket_qua_nhiem_vu":"Hoàn thành tốt nhiệm vụ.","thai_do_phuc_vu":"Tận tình."},"self_rating":"HTT","strengths":"Chủ động.","weaknesses":"Còn chậm."}}'

# A bare PostgreSQL cluster in $WORK/NAME-pg (what an agency's own PostgreSQL server is to
# kiemdiem: reached through database.url), as the postgres user when we are root.
# Sets URL_<NAME>.
PG_BIN=/usr/lib/postgresql/15/bin
as_pg() { if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi; }
start_bare_cluster() {
  local name=$1 port=$2 dir=$WORK/$1-pg
  mkdir -p "$dir/data" "$dir/run"
  ((EUID == 0)) && chown -R postgres: "$dir"
  as_pg "$PG_BIN/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 --auth-local=trust \
    --no-sync >"$WORK/$name-initdb.log" 2>&1 || fail "initdb $name"
  as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s \
    -o "-c listen_addresses='' -k $dir/run -p $port -c fsync=off" start >/dev/null || fail "pg_ctl start $name"
  as_pg "$PG_BIN/createdb" -h "$dir/run" -p "$port" -U postgres kiemdiem || fail "createdb $name"
  printf -v "URL_$name" %s "postgresql:///kiemdiem?host=$dir/run&port=$port&user=postgres"
}
stop_bare_cluster() {
  local dir=$WORK/$1-pg
  [[ -f $dir/data/postmaster.pid ]] && as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -s stop >/dev/null 2>&1
  return 0
}
# bare_sql NAME QUERY
bare_sql() {
  local url_var=URL_$1
  psql -X -q -A -t -v ON_ERROR_STOP=1 "${!url_var}" -c "$2"
}
