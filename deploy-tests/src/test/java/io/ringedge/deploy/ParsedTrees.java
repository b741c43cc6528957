package io.ringedge.deploy;

/**
 * The repository's terraform/ and the deliberately broken fixtures (src/test/resources/broken),
 * each parsed once per test JVM: a parse starts node and loads the parser, which takes seconds.
 */
final class ParsedTrees {

    private static TerraformTree repository;
    private static TerraformTree fixtures;

    private ParsedTrees() {
    }

    static synchronized TerraformTree repository() {
        if (repository == null) {
            repository = TerraformTree.parse(TerraformTree.deployTestsDir().resolve("../terraform").normalize());
        }
        return repository;
    }

    /** One small module per directory, each breaking one rule, so every check is seen to fail. */
    static synchronized TerraformTree fixtures() {
        if (fixtures == null) {
            fixtures = TerraformTree.parse(TerraformTree.deployTestsDir().resolve("src/test/resources/broken"));
        }
        return fixtures;
    }
}
