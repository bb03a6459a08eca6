using System.Collections.Concurrent;
using System.Diagnostics;
using Modular.IntegrationTests.Infrastructure;
using Modular.Testing;
using Xunit.Abstractions;

namespace Modular.IntegrationTests;

/// <summary>deploy/compose.yaml as an operator starts it: a front Modular balancing two back instances that keep their sessions in
/// Redis; one back instance is stopped with SIGTERM in the middle of the traffic and started again.</summary>
public sealed class ScaleOutTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    /// <summary>The front's active health check (deploy/compose/front.json): every 2 s, out at the first failure.</summary>
    private static readonly TimeSpan HealthCheckInterval = TimeSpan.FromSeconds(2);

    /// <summary>The same check's timeout: the check that finds the instance gone may take that long to fail.</summary>
    private static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(1);

    private readonly TempFolder folder = new();
    private ComposeProject compose = null!;
    private Uri front = null!;

    public async Task InitializeAsync()
    {
        // The back instances also load the tests' session application (X-Served-By names the instance; /slow answers late).
        var sessionApp = Path.Combine(RepoPaths.TestPlugins, "sessionapp");
        var back = $$"""
                volumes: ["{{sessionApp}}:/opt/modular/plugins/sessionapp:ro"]
                environment: { MODULAR_plugins: "sessions,compression,sessionapp" }
                labels: { {{ModularContainer.Label}}: "true" }
            """;
        var overrides = $$"""
            services:
              back1:
            {{back}}
              back2:
            {{back}}
              front:
                labels: { {{ModularContainer.Label}}: "true" }
              redis:
                labels: { {{ModularContainer.Label}}: "true" }
            networks:
              default:
                labels: { {{ModularContainer.Label}}: "true" }
            """;
        compose = ComposeProject.Create(folder, $"modular-tests-{Guid.NewGuid():N}"[..26], overrides,
            new Dictionary<string, string> { ["FRONT_ADDRESS"] = "127.0.0.1:" });
        // --wait: until the image's HEALTHCHECK (modular health) passes on every instance.
        await compose.RunAsync("up", "--detach", "--wait", "--wait-timeout", "120");
        front = new Uri($"http://{(await compose.RunAsync("port", "front", "80")).Trim()}/");
    }

    [Fact]
    public async Task A_SIGTERM_loses_no_request_in_flight_failures_stay_within_a_health_check_and_sessions_move_between_instances()
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { Timeout = TimeSpan.FromSeconds(15) };
        var cookie = await OpenSessionAsync(client);
        var before = await ReadUntilBothAnswerAsync(client, cookie);

        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var outcomes = new ConcurrentQueue<Outcome>();
        var load = Enumerable.Range(0, 4).Select(_ => LoadAsync(client, cookie, clock, outcomes, stop.Token)).ToList();
        await Task.Delay(2000);
        var slow = Enumerable.Range(0, 12).Select(_ => client.GetAsync(new Uri(front, "slow?ms=3000"))).ToList();
        await Task.Delay(700);
        var terminated = clock.Elapsed;
        await compose.RunAsync("kill", "--signal", "SIGTERM", "back1");
        var slowAnswers = await Task.WhenAll(slow);
        var exit = await WaitForExitAsync(compose.Container("back1"));
        var stopped = clock.Elapsed;
        // Down for a while: the front must be sending everything to back2 by then.
        await Task.Delay(4000);
        var startedAgain = clock.Elapsed;
        await compose.RunAsync("start", "back1");
        var returned = await WaitForAsync(outcomes, clock, outcome => outcome.ServedBy == "back1" && outcome.At > stopped, TimeSpan.FromSeconds(30),
            () => DiagnoseReturnAsync(outcomes, stopped));
        // A moment of both again, so that the balancing after the return is seen too.
        await Task.Delay(1500);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var all = outcomes.ToList();
        var failures = all.Where(outcome => !outcome.Ok).ToList();
        output.WriteLine($"{all.Count} requests through the front in {clock.Elapsed.TotalSeconds:0.0} s; {failures.Count} failed, "
            + $"from {(failures.Count > 0 ? (failures.Min(f => f.At) - terminated).TotalMilliseconds : 0):0} ms to "
            + $"{(failures.Count > 0 ? (failures.Max(f => f.At) - terminated).TotalMilliseconds : 0):0} ms after the SIGTERM: {string.Join("; ", failures.Select(f => f.Error).Distinct().Take(3))}");
        output.WriteLine($"back1 exited {exit} after {(stopped - terminated).TotalSeconds:0.0} s; back in rotation {(returned - stopped).TotalSeconds:0.0} s after it stopped");

        Assert.Equal(2, before.Select(answer => answer.ServedBy).Distinct().Count());
        Assert.All(before, answer => Assert.Equal("3 books", answer.Body));
        Assert.All(slowAnswers, answer => Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode));
        // Round-robin: some of them were in flight on the instance that was stopped, and it finished them.
        Assert.Contains(slowAnswers, answer => answer.Headers.TryGetValues("X-Served-By", out var by) && by.Single() == "back1");
        Assert.Equal(0, exit);
        Assert.All(failures, failure => Assert.InRange(failure.At, terminated, terminated + HealthCheckInterval + HealthCheckTimeout));
        Assert.All(all.Where(outcome => outcome.Ok), outcome => Assert.Equal("3 books", outcome.Body));
        var whileDown = all.Where(outcome => outcome.At > terminated + HealthCheckInterval + HealthCheckTimeout && outcome.At < startedAgain).ToList();
        Assert.NotEmpty(whileDown);
        Assert.All(whileDown, outcome => Assert.Equal("back2", outcome.ServedBy));
        Assert.Contains(all, outcome => outcome.At > returned && outcome.ServedBy == "back2");
    }

    private sealed record Outcome(TimeSpan At, bool Ok, string? ServedBy, string Body, string? Error);

    private async Task<string> OpenSessionAsync(HttpClient client)
    {
        using var opened = await client.GetAsync(new Uri(front, "session/set?key=cart&value=3%20books"));
        opened.EnsureSuccessStatusCode();
        return opened.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    /// <summary>Reads the session until both back instances have answered (the front's first health checks may still be running,
    /// bounded to 100 reads over 20 s).</summary>
    private async Task<List<(string? ServedBy, string Body)>> ReadUntilBothAnswerAsync(HttpClient client, string cookie)
    {
        var answers = new List<(string? ServedBy, string Body)>();
        for (var i = 0; i < 100 && answers.Select(answer => answer.ServedBy).Distinct().Count() < 2; i++)
        {
            answers.Add(await ReadSessionAsync(client, cookie));
            await Task.Delay(200);
        }
        return answers;
    }

    private async Task<(string? ServedBy, string Body)> ReadSessionAsync(HttpClient client, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(front, "session/get?key=cart"));
        request.Headers.Add("Cookie", cookie);
        using var answer = await client.SendAsync(request);
        return (answer.Headers.TryGetValues("X-Served-By", out var by) ? by.Single() : null, await answer.Content.ReadAsStringAsync());
    }

    /// <summary>One client reading the session in a loop until stopped (at most 60 s and 20,000 requests).</summary>
    private async Task LoadAsync(HttpClient client, string cookie, Stopwatch clock, ConcurrentQueue<Outcome> outcomes, CancellationToken stop)
    {
        for (var i = 0; i < 5000 && !stop.IsCancellationRequested; i++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(front, "session/get?key=cart"));
                request.Headers.Add("Cookie", cookie);
                using var answer = await client.SendAsync(request, stop);
                var body = await answer.Content.ReadAsStringAsync(stop);
                var servedBy = answer.Headers.TryGetValues("X-Served-By", out var by) ? by.Single() : null;
                outcomes.Enqueue(new Outcome(clock.Elapsed, answer.IsSuccessStatusCode, servedBy, body, answer.IsSuccessStatusCode ? null : $"{(int)answer.StatusCode}"));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException e)
            {
                outcomes.Enqueue(new Outcome(clock.Elapsed, false, null, "", e.Message));
            }
        }
    }

    private static async Task<long> WaitForExitAsync(string container)
    {
        for (var tries = 0; tries < 400; tries++)
        {
            var (_, state) = await ComposeProject.ExecuteAsync("docker", ["inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", container]);
            var words = state.Trim().Split(' ');
            if (words[0] == "exited")
            {
                return long.Parse(words[1], System.Globalization.CultureInfo.InvariantCulture);
            }
            await Task.Delay(100);
        }
        Assert.Fail($"{container} did not exit within 40 s of its SIGTERM");
        return -1;
    }

    /// <summary>Why the restarted instance was not seen serving (a rare failure): its state and log, the front's log, and what
    /// the requests got since it stopped.</summary>
    private async Task<string> DiagnoseReturnAsync(ConcurrentQueue<Outcome> outcomes, TimeSpan stopped)
    {
        var (_, state) = await ComposeProject.ExecuteAsync("docker", ["inspect", "--format", "{{.State.Status}} {{json .State.Health}}", compose.Container("back1")]);
        var (_, back1) = await ComposeProject.ExecuteAsync("docker", ["logs", "--tail", "20", compose.Container("back1")]);
        var (_, front) = await ComposeProject.ExecuteAsync("docker", ["logs", "--tail", "20", compose.Container("front")]);
        var since = outcomes.Where(outcome => outcome.At > stopped).ToList();
        var served = string.Join(", ", since.GroupBy(outcome => outcome.Ok ? outcome.ServedBy ?? "?" : "failed").Select(group => $"{group.Key} {group.Count()}"));
        return $"back1: {state.Trim()}\n--- back1's log:\n{back1}\n--- front's log:\n{front}\n--- requests since back1 stopped: {served}";
    }

    private static async Task<TimeSpan> WaitForAsync(ConcurrentQueue<Outcome> outcomes, Stopwatch clock, Func<Outcome, bool> seen, TimeSpan limit,
        Func<Task<string>> diagnose)
    {
        var until = clock.Elapsed + limit;
        while (clock.Elapsed < until)
        {
            if (outcomes.FirstOrDefault(seen) is { } found)
            {
                return found.At;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"not seen within {limit.TotalSeconds} s; {await diagnose()}");
        return TimeSpan.Zero;
    }

    public async Task DisposeAsync() => await compose.DisposeAsync();

    public void Dispose() => folder.Dispose();
}
