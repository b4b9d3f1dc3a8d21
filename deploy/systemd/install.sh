#!/usr/bin/env bash
# Installs the collector and the simulator as systemd services (run as root from the repository root):
#   sudo deploy/systemd/install.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
id ingest >/dev/null 2>&1 || useradd --system --home /var/lib/ingest --shell /usr/sbin/nologin ingest
dotnet publish Collector/Ingest.Collector.csproj -c Release -o /opt/ingest/collector --nologo
dotnet publish SensorSimulator/Ingest.SensorSimulator.csproj -c Release -o /opt/ingest/simulator --nologo
install -d -o ingest -g ingest /var/lib/ingest
install -d /etc/ingest
# The settings hold the keys: readable by root and the ingest group only. On first install the demo keys
# (which the collector refuses outside Development) are replaced by random ones, the same key in every section
# that uses it, so the collector, the simulator and a dashboard run on this machine agree.
if [[ ! -f /etc/ingest/appsettings.json ]]; then
  staged=$(mktemp)
  cp appsettings.json "$staged"
  for demo in demo-sensor-key demo-viewer-key demo-admin-key; do
    key=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
    sed -i "s/\"$demo\"/\"$key\"/g" "$staged"
  done
  install -m 0640 -o root -g ingest "$staged" /etc/ingest/appsettings.json
  rm -f "$staged"
  echo "Keys generated in /etc/ingest/appsettings.json (Collector:Security:Keys; the dashboard's are Dashboard:ApiKey and Dashboard:AdminKey)."
fi
# An earlier install may have left the file readable by everyone.
chown root:ingest /etc/ingest/appsettings.json
chmod 0640 /etc/ingest/appsettings.json
install -m 0644 deploy/systemd/ingest-collector.service deploy/systemd/ingest-simulator.service /etc/systemd/system/
systemctl daemon-reload
echo "Installed. Start with: systemctl enable --now ingest-collector ingest-simulator"
