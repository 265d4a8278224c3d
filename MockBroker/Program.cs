namespace PbenchAuthSpec.MockBroker;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("MockBroker: not built yet.");
        return 2;
    }
}
