# syntax=docker/dockerfile:1
# Build stage: the same command as the README's "Build and run".
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
# javac internals Error Prone needs (the compiler runs in the Maven JVM)
COPY .mvn ./.mvn
COPY src ./src
COPY alerts ./alerts
RUN mvn -B -DskipTests package

# Run stage: a JRE, a non-root user, the shaded jar, the README's defaults.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --no-create-home sipexporter
COPY --from=build /src/target/sip-exporter.jar /opt/sip-exporter/sip-exporter.jar
USER 10001
# raw SIP copies and HEP (UDP and TCP), web: /metrics, /, /-/healthy
EXPOSE 5060/udp 5060/tcp 9060/udp 9060/tcp 10060/tcp
# bash's /dev/tcp asks GET /-/healthy and wants 200: no JVM per probe (docs/healthcheck.md). With a
# web config file (TLS, basic auth) it hands over to the Java probe, which speaks HTTPS.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "if [ -n \"$SIP_EXPORTER_WEB_CONFIG_FILE\" ]; then exec java -jar /opt/sip-exporter/sip-exporter.jar healthcheck; fi; a=${SIP_EXPORTER_WEB_LISTEN_ADDRESS:-:10060}; p=${a##*:}; h=${a%:*}; h=${h#[}; h=${h%]}; case $h in ''|0.0.0.0|::) h=127.0.0.1;; esac; exec 3<>/dev/tcp/$h/$p || exit 1; printf 'GET /-/healthy HTTP/1.0\\r\\nHost: %s\\r\\n\\r\\n' \"$h\" >&3; read -r -t 4 version status rest <&3; [ \"$status\" = 200 ]"]
ENTRYPOINT ["java", "-XX:MaxNewSize=48m", "-jar", "/opt/sip-exporter/sip-exporter.jar"]
