package dev.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.deploy.render.Manifests;
import dev.ferry.deploy.render.Overlay;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An overlay names its images by one registry and one tag (deploy/set-images.sh sets both): every Ferry image is
 * {@code <registry>/ferry/<module>:<tag>} with the same registry and tag, never {@code latest}.
 */
class ImagesTest {

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyImageSharesOneRegistryAndOneTag(Overlay overlay) {
        List<String> images = Manifests.of(overlay).typed("Deployment", Deployment.class).stream()
                .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream()).map(c -> c.getImage())
                .toList();
        assertThat(images).isNotEmpty().allSatisfy(i -> assertThat(i).matches("(.+/)?ferry/[a-z-]+:[\\w.-]+"));
        assertThat(images.stream().map(i -> registry(i)).distinct())
                .as("one registry").hasSize(1);
        assertThat(images.stream().map(i -> i.substring(i.lastIndexOf(':') + 1)).distinct()).as("one tag")
                .singleElement().isNotEqualTo("latest");
    }

    /** What precedes {@code ferry/}: a registry and path, or nothing (the local image store). */
    private static String registry(String image) {
        return image.substring(0, image.lastIndexOf("ferry/"));
    }
}
