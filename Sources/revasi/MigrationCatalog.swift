import StoreSchema

/// The migration ids this build knows, oldest first.
enum MigrationCatalog {
    static var ids: [String] { Migrations.all(for: .sqlite).map(\.id) }
}
