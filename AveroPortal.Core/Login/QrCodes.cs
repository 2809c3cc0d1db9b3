using QRCoder;

namespace AveroPortal.Core.Login;

public static class QrCodes
{
    /// <summary>A PNG data URI, so the key never travels in a separate, cacheable image request.</summary>
    public static string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
