namespace PbenchAuthSpec.LoadGen;

public static class SoakCommand
{
    public static Task<int> RunAsync(BenchArguments args, CancellationToken cancellationToken) => throw new NotImplementedException();
}
