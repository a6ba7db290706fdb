# The job image for flink-deployment.yaml: Flink's own image and the thin job jar.
#   mvn -B -DskipTests package && docker build -f deploy/k8s/job.Dockerfile -t scalp-signals/scalp-job:0.1.0 .
FROM flink:2.2.0-java17
COPY job/target/scalp-job.jar /opt/flink/usrlib/scalp-job.jar
