using Ingest.Collector.Diagnostics;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Ingest.Collector.Settings;

/// <summary>
/// The last good settings of one section. A reload of the settings file that binds and validates replaces
/// them and is passed on to <see cref="OnChange"/> listeners; one that does not is logged as an error, with
/// the problems the validators name, and the last good settings stay. (Use this in place of
/// <see cref="IOptionsMonitor{TOptions}.CurrentValue"/>, which throws on every read after an invalid reload.)
/// Built at start (it is a hosted service), so the value it starts from is the one validated at start.
/// </summary>
internal sealed class LastGoodOptions<T> : IHostedService, IDisposable
    where T : class
{
    private readonly IOptionsFactory<T> _factory;
    private readonly ILogger _logger;
    private readonly string _section;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Lock _gate = new();
    private Action<T>[] _listeners = [];
    private T _current;

    public LastGoodOptions(IOptionsFactory<T> factory, IEnumerable<IOptionsChangeTokenSource<T>> sources, ILogger<LastGoodOptions<T>> logger, string section)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(sources);
        (_factory, _logger, _section) = (factory, logger, section);
        _current = factory.Create(Options.DefaultName);
        foreach (var source in sources)
        {
            if (source.Name is null || source.Name == Options.DefaultName)
            {
                _subscriptions.Add(ChangeToken.OnChange(source.GetChangeToken, Reload));
            }
        }
    }

    /// <summary>The settings in force: those of the last reload that validated.</summary>
    public T Current => Volatile.Read(ref _current);

    /// <summary>Calls <paramref name="listener"/> with every good reload, on the thread that noticed it.</summary>
    public void OnChange(Action<T> listener)
    {
        lock (_gate)
        {
            _listeners = [.. _listeners, listener];
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    private void Reload()
    {
        T options;
        try
        {
            options = _factory.Create(Options.DefaultName);
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                CollectorLog.SettingsReloadRejected(_logger, _section, failure);
            }

            return;
        }
        catch (InvalidOperationException ex)
        {
            // A value that does not bind, e.g. "RetryAfter": "soon"; the binder's message names the key.
            CollectorLog.SettingsReloadRejected(_logger, _section, ex.Message);
            return;
        }

        Volatile.Write(ref _current, options);
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            listener(options);
        }
    }
}
