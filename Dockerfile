# A class server in one container:
#   docker build -t nn-explainer .
#   docker run --rm -p 8501:8501 nn-explainer        # then open http://SERVER:8501
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY app.py ./
COPY .streamlit ./.streamlit
COPY nn_core ./nn_core
COPY figures ./figures
COPY ui ./ui
COPY pages ./pages
COPY assets ./assets
COPY classroom ./classroom
COPY alembic.ini ./

RUN useradd --create-home explainer && mkdir -p /data && chown explainer /data
USER explainer
# The classroom's SQLite file, unless DATABASE_URL names a PostgreSQL (see deploy/compose.yaml)
ENV NN_DATA_DIR=/data
# A device is the socket's address (the classroom's limits count per device): no X-Forwarded-For is believed.
# Behind a proxy, set NN_TRUSTED_PROXY to its address so that its X-Real-IP counts (deploy/README.md).
ENV FORWARDED_ALLOW_IPS=""
VOLUME /data
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"
CMD ["python", "-m", "streamlit", "run", "app.py", "--server.address=0.0.0.0", "--server.port=8501"]
