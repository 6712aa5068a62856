#!/usr/bin/env bash
# Serve the app from N Streamlit processes behind nginx (one process uses about one core).
#
#   deploy/replicas.sh 4            # replicas on 127.0.0.1:8501-8504, nginx on 0.0.0.0:8080
#   PORT=80 deploy/replicas.sh 2    # another public port
#
# Stops everything on Ctrl-C. Needs nginx (Debian: apt-get install nginx) and the app's
# packages (make run installs them into .venv; set PYTHON to use another interpreter).
set -euo pipefail
cd "$(dirname "$0")/.."
replicas=${1:-2}
port=${PORT:-8080}
python=${PYTHON:-.venv/bin/python}
[ -x "$python" ] || python=python3
run=$(mktemp -d)
# Every replica must sign and check the XSRF cookie with the same secret, or an upload
# routed to another replica than the one that set the cookie would be refused.
export STREAMLIT_SERVER_COOKIE_SECRET=${STREAMLIT_SERVER_COOKIE_SECRET:-$(head -c 32 /dev/urandom | base64)}
# The classroom's rate limits count per device: behind nginx (on this machine), the device is nginx's
# X-Real-IP, and no replica believes an X-Forwarded-For (uvicorn would, from this machine, by default).
export NN_TRUSTED_PROXY=127.0.0.1
export FORWARDED_ALLOW_IPS=""
# The replicas share one classroom store: DATABASE_URL's PostgreSQL if set, else one SQLite file
# (WAL mode; fine for the replicas of one machine; several machines need PostgreSQL).

pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; nginx -p "$run" -c "$run/nginx.conf" -s stop 2>/dev/null || true; }
trap stop EXIT INT TERM

servers=""
for i in $(seq 1 "$replicas"); do
  replica_port=$((8500 + i))
  "$python" -m streamlit run app.py --server.address 127.0.0.1 --server.port "$replica_port" \
      > "$run/replica-$i.log" 2>&1 &
  pids+=($!)
  servers+="        server 127.0.0.1:$replica_port;"$'\n'
done
for i in $(seq 1 "$replicas"); do
  until curl -sf "http://127.0.0.1:$((8500 + i))/_stcore/health" >/dev/null; do sleep 0.3; done
done
sed -e "s|__RUN__|$run|g" -e "s|__PORT__|$port|g" deploy/nginx.conf.template \
  | awk -v servers="$servers" '{ if ($0 == "__SERVERS__") printf "%s", servers; else print }' > "$run/nginx.conf"
nginx -p "$run" -c "$run/nginx.conf"
echo "serving $replicas replicas on http://0.0.0.0:$port (logs in $run); Ctrl-C stops"
wait "${pids[@]}"
