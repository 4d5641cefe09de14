package dev.o2o.core.privacy;

import dev.o2o.core.identity.Identifier;
import dev.o2o.core.identity.IdentifierType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MaskingTest {

    @Test
    void phones() {
        assertEquals("138****5678", Masking.phone("13812345678"));
        assertEquals("+86****5678", Masking.phone("+8613812345678"));
        assertEquals("****67", Masking.phone("1234567"));
        assertEquals("****", Masking.phone("1234"));
    }

    @Test
    void emails() {
        assertEquals("zha****@example.com", Masking.email("zhangsan@example.com"));
        assertEquals("a****@qq.com", Masking.email("ab@qq.com"));
        assertEquals("a****@qq.com", Masking.email("a@qq.com"));
        assertEquals("li****@163.com", Masking.email("lisi@163.com"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Masking.email("secret-value"));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Masking.email("x@"));
    }

    @Test
    void identifiersByType() {
        assertEquals("phone:138****5678", Masking.identifier(Identifier.phone("13812345678")));
        assertEquals("email:zha****@example.com", Masking.identifier(Identifier.email("zhangsan@example.com")));
        assertEquals("email:no****ss", Masking.identifier(Identifier.email("no-address")));
        assertEquals("member_card:M2****89", Masking.identifier(Identifier.memberCard("M200456789")));
        assertEquals("wechat_unionid:****", Masking.identifier(Identifier.of(IdentifierType.of("wechat_unionid"), "abc")));
    }
}
