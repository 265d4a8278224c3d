namespace PbenchAuthSpec.LoadGen;

/// <summary>What wrk reported: the rate, and every request that did not get a 2xx/3xx or failed.</summary>
public sealed record WrkResult(double RequestsPerSecond, long Requests, long Non2xx, long SocketErrors)
{
    public bool Clean => Non2xx == 0 && SocketErrors == 0 && Requests > 0;
}
