namespace PbenchAuthSpec.LoadGen;

/// <summary>What one soak saw: logins, hostile answers, and the memory at the two points compared.</summary>
public sealed record SoakResult(LoginTally Logins, SoakCounters Hostile, double LoginsPerSecond, double[] WarmUpMib, double[] SettledMib);
