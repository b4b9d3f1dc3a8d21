using Ingest.Collector.Diagnostics;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Ingest.Collector.Control;

/// <summary>
/// The last good <see cref="ControlOptions"/>. A reload of the settings file that binds and validates replaces
/// them and is passed on; one that does not is logged as an error, naming the key and the problem, and the
/// last good settings stay. (<see cref="IOptionsMonitor{TOptions}.CurrentValue"/> throws after an invalid
/// reload, so only this class reads it, once at start.)
/// </summary>
internal sealed class ControlSettings : IDisposable
{
    private readonly IOptionsFactory<ControlOptions> _factory;
    private readonly ILogger<ControlSettings> _logger;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Lock _gate = new();
    private Action<ControlOptions>[] _listeners = [];
    private ControlOptions _current;

    public ControlSettings(
        IOptionsMonitor<ControlOptions> monitor,
        IOptionsFactory<ControlOptions> factory,
        IEnumerable<IOptionsChangeTokenSource<ControlOptions>> sources,
        ILogger<ControlSettings> logger)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(sources);
        (_factory, _logger) = (factory, logger);
        _current = monitor.CurrentValue;
        if (monitor.OnChange(Accept) is { } subscription)
        {
            _subscriptions.Add(subscription);
        }

        // The monitor says nothing about a reload that fails to bind or validate: check each reload here too.
        foreach (var source in sources)
        {
            _subscriptions.Add(ChangeToken.OnChange(source.GetChangeToken, CheckReload));
        }
    }

    public ControlOptions Current => Volatile.Read(ref _current);

    /// <summary>Calls <paramref name="listener"/> with every good reload, on the thread that noticed it.</summary>
    public void OnChange(Action<ControlOptions> listener)
    {
        lock (_gate)
        {
            _listeners = [.. _listeners, listener];
        }
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    private void Accept(ControlOptions options, string? name)
    {
        if (name is not null && name != Options.DefaultName)
        {
            return;
        }

        Volatile.Write(ref _current, options);
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            listener(options);
        }
    }

    private void CheckReload()
    {
        try
        {
            _factory.Create(Options.DefaultName);
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                CollectorLog.ControlSettingsInvalid(_logger, failure);
            }
        }
        catch (InvalidOperationException ex)
        {
            // A value that does not bind, e.g. "HeartbeatInterval": "soon"; the message names the key.
            CollectorLog.ControlSettingsInvalid(_logger, ex.Message);
        }
    }
}
