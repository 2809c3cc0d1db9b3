using System.Runtime.CompilerServices;

namespace AveroPortal.Tests.EHerkenning;

/// <summary>The recorded Signicat exchange in ../shared/interop/eherkenning-signicat-preprod/ (sibling of the repo).</summary>
internal static class InteropFiles
{
    public static string Folder { get; } = FindFolder();

    public static string Path(string name)
    {
        var path = System.IO.Path.Combine(Folder, name);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Interop file {name} is missing from {Folder}.", path);
    }

    public static string Read(string name) => File.ReadAllText(Path(name));

    private static string FindFolder([CallerFilePath] string sourceFile = "")
    {
        // Walk up from the test binaries; with a private --artifacts-path those live outside the repository, so the
        // compile-time location of this file is the second starting point.
        var root = FindRepositoryRoot(AppContext.BaseDirectory) ?? FindRepositoryRoot(System.IO.Path.GetDirectoryName(sourceFile));
        if (root is null)
        {
            throw new InvalidOperationException(
                $"No folder containing AveroPortal.sln above {AppContext.BaseDirectory} or {sourceFile}; cannot find the interop recordings.");
        }

        var folder = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, "..", "shared", "interop", "eherkenning-signicat-preprod"));
        return Directory.Exists(folder)
            ? folder
            : throw new DirectoryNotFoundException(
                $"The recorded Signicat exchange is missing: expected {folder} (../shared next to the repository). These tests must not be skipped.");
    }

    private static string? FindRepositoryRoot(string? start)
    {
        for (var directory = start is null ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "AveroPortal.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
