namespace PbenchAuthSpec.Protocol;

/// <summary>RFC 6749 §5.2: error_description is printable ASCII without <c>"</c> and <c>\</c>; echoed input is also kept short.</summary>
public static class ProtocolText
{
    public static string Trim(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cut = text.Length <= 60 ? text : text[..60] + "...";
        return string.Create(cut.Length, cut, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is >= ' ' and <= '~' and not '"' and not '\\' ? source[i] : '?';
            }
        });
    }
}
