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
[[ -f /etc/ingest/appsettings.json ]] || install -m 0644 appsettings.json /etc/ingest/appsettings.json
install -m 0644 deploy/systemd/ingest-collector.service deploy/systemd/ingest-simulator.service /etc/systemd/system/
systemctl daemon-reload
echo "Installed. Start with: systemctl enable --now ingest-collector ingest-simulator"
