import Foundation

/// The data files of the examples, in `Examples/Data` of the repository.
public enum ExampleData {
  /// The directory `Examples/Data`, found from where this source file was compiled, so that
  /// `swift run` works from any directory of a clone.
  public static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Examples/Support
    .deletingLastPathComponent()  // Examples
    .appendingPathComponent("Data", isDirectory: true)

  /// The file `Examples/Data/NAME`.
  ///
  /// When the file is not there (the executable was moved away from its clone, or the file was
  /// deleted), prints where it was looked for and exits with status 1.
  public static func url(_ name: String) -> URL {
    let url = directory.appendingPathComponent(name)
    guard FileManager.default.isReadableFile(atPath: url.path) else {
      exitWithError(
        """
        cannot read the data file \(name).
        It was looked for at \(url.path), in Examples/Data of the clone this example was built \
        from. Run the examples with `swift run NAME` inside a complete clone of the repository.
        """)
    }
    return url
  }
}
