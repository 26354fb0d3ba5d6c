package dev.vedit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

class StartupWarmUpTest {
    private static final String PROPERTY = StartupWarmUp.JETTY_REFERENCES_PER_CACHE_LINE;

    @Test
    void jettysReferencesPerCacheLineAreWhatJettyAsksThePlatformMBeanServerForAndAnOperatorsSettingStays() throws Exception {
        String before = System.getProperty(PROPERTY);
        try {
            System.clearProperty(PROPERTY);
            StartupWarmUp.jettyReferencesPerCacheLine();
            // Jetty's own way (MemoryUtils, when the property is unset): the VM option through the platform MBean
            // server, then 64-byte cache lines over 4-byte (compressed) or 8-byte references.
            CompositeData option = (CompositeData) ManagementFactory.getPlatformMBeanServer().invoke(
                    ObjectName.getInstance("com.sun.management:type=HotSpotDiagnostic"), "getVMOption",
                    new Object[] {"UseCompressedOops"}, new String[] {String.class.getName()});
            String jettys = Boolean.parseBoolean((String) option.get("value")) ? "16" : "8";
            assertThat(System.getProperty(PROPERTY)).isEqualTo(jettys);
            assertThat(org.eclipse.jetty.util.MemoryUtils.getReferencesPerCacheLine()).isEqualTo(Integer.parseInt(jettys));

            System.setProperty(PROPERTY, "3");
            StartupWarmUp.jettyReferencesPerCacheLine();
            assertThat(System.getProperty(PROPERTY)).as("an operator's own setting").isEqualTo("3");
        } finally {
            if (before == null) {
                System.clearProperty(PROPERTY);
            } else {
                System.setProperty(PROPERTY, before);
            }
        }
    }
}
