namespace PbenchAuthSpec.MockIdp;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("MockIdp: not built yet.");
        return 2;
    }
}
