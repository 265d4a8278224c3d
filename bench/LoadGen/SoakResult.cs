namespace PbenchAuthSpec.LoadGen;

/// <summary>What one soak saw: logins, hostile answers, and each server's resident size once the traffic stopped and settled.</summary>
public sealed record SoakResult(LoginTally Logins, SoakCounters Hostile, double LoginsPerSecond, double[] SettledMib);
