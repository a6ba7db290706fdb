# The executor image for executor.yaml: a JRE and the executor's runnable jar (no Flink).
#   mvn -B -DskipTests package && docker build -f deploy/k8s/executor.Dockerfile -t scalp-signals/scalp-executor:0.1.0 .
FROM eclipse-temurin:17-jre
COPY executor/target/scalp-executor-all.jar /opt/scalp/scalp-executor.jar
ENTRYPOINT ["java", "-jar", "/opt/scalp/scalp-executor.jar"]
