using Ingest.Collector.Security;
using Ingest.Collector.Settings;

namespace Ingest.Collector.DesiredState;

/// <summary>Runs <see cref="SensorForgetting"/> every <see cref="SensorRegistrationOptions.ForgetInterval"/>.</summary>
internal sealed class SensorForgettingService(
    SensorForgetting forgetting, LastGoodOptions<SensorRegistrationOptions> options, TimeProvider time, ILogger<SensorForgettingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Current.ForgetInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            timer.Period = options.Current.ForgetInterval;
            var horizon = time.GetUtcNow() - options.Current.ForgetUnusedAfter;
            try
            {
                var forgotten = await forgetting.ForgetAsync(horizon, stoppingToken);
                if (forgotten > 0)
                {
                    RegistrationLog.SensorsForgotten(logger, forgotten, horizon);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                RegistrationLog.ForgettingFailed(logger, ex);
            }
        }
    }
}
